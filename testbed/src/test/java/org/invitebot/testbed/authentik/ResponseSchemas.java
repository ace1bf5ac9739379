package org.invitebot.testbed.authentik;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the stand-in's own answers against the response schemas of Authentik's schema, so that it stays a faithful stand-in. */
final class ResponseSchemas {

    private ResponseSchemas() {
    }

    static void assertFitsSchema(AuthentikHttp.Answer answer) {
        AuthentikSchema schema = AuthentikSchema.get();
        SchemaMatch match = schema.match(answer.method(), answer.path());
        assertThat(match).as("%s %s is an operation of the schema", answer.method(), answer.path()).isInstanceOf(SchemaMatch.Found.class);
        SchemaOperation operation = ((SchemaMatch.Found) match).operation();
        SchemaNode response = schema.resolve(operation.definition().child("responses").child(Integer.toString(answer.status())));
        assertThat(response.exists()).as("the schema defines HTTP %s for %s", answer.status(), operation.operationId()).isTrue();
        SchemaNode body = response.child("content").child("application/json").child("schema");
        if (!body.exists()) {
            assertThat(answer.body().isMissingNode()).as("%s %s has no body", operation.operationId(), answer.status()).isTrue();
            return;
        }
        assertThat(schema.problems(body, answer.body()))
                .as("%s answer %s against %s", operation.operationId(), answer.body(), body.iri())
                .isEmpty();
    }
}
