package org.invitebot.testbed.matrix;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the stand-in's own answers against the response schemas of the spec, so that it stays a faithful stand-in. */
final class ResponseSchemas {

    private ResponseSchemas() {
    }

    static void assertFitsSpec(String operationId, MatrixHttp.Answer answer) {
        ClientServerSpec spec = ClientServerSpec.get();
        SpecOperation operation = spec.operations().stream()
                .filter(candidate -> candidate.operationId().equals(operationId))
                .findFirst()
                .orElseThrow();
        SpecNode response = spec.documents().resolve(operation.definition().child("responses").child(Integer.toString(answer.status())));
        assertThat(response.exists()).as("the spec defines HTTP %s for %s", answer.status(), operationId).isTrue();
        SpecNode schema = response.child("content").child("application/json").child("schema");
        assertThat(spec.schemas().problems(schema, answer.body()))
                .as("%s answer %s against %s", operationId, answer.body(), schema.iri())
                .isEmpty();
    }
}
