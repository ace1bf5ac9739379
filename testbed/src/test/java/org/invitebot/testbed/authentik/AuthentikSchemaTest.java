package org.invitebot.testbed.authentik;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

/** The schema as the stand-in reads it: cut into pieces, matched by path, with objects closed to fields it lacks. */
class AuthentikSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final AuthentikSchema schema = AuthentikSchema.get();

    @Test
    void everyPathItemIsCutOutWithEveryComponentItNeeds() throws IOException {
        SchemaBlocks blocks;
        try (InputStream in = getClass().getResourceAsStream("/reference/authentik-schema.yml")) {
            blocks = SchemaBlocks.read(in);
        }

        assertThat(blocks.templates()).hasSize(574).contains("/stages/invitation/invitations/{invite_uuid}/");
        for (String template : blocks.templates()) {
            JsonNode document = YAML.readTree(blocks.document(template));
            assertThat(document.path("paths").path(template).isObject()).as(template).isTrue();
        }
    }

    @Test
    void theMostLiteralTemplateIsMeant() {
        SchemaMatch me = schema.match("GET", "/core/users/me/");
        SchemaMatch byId = schema.match("GET", "/core/users/7/");

        assertThat(((SchemaMatch.Found) me).operation().operationId()).isEqualTo("core_users_me_retrieve");
        assertThat(((SchemaMatch.Found) byId).operation().operationId()).isEqualTo("core_users_retrieve");
        assertThat(((SchemaMatch.Found) byId).pathParameters()).containsEntry("id", "7");
        assertThat(schema.match("GET", "/core/users/me")).isInstanceOf(SchemaMatch.NoSuchPath.class);
        assertThat(schema.match("POST", "/core/users/me/")).isEqualTo(new SchemaMatch.WrongMethod(Set.of("GET")));
    }

    @Test
    void objectsAreClosedToFieldsTheSchemaLacksButNullableFieldsTakeNull() throws IOException {
        SchemaOperation create = ((SchemaMatch.Found) schema.match("POST", "/stages/invitation/invitations/")).operation();
        SchemaNode body = create.requestBody().orElseThrow().child("content").child("application/json").child("schema");

        assertThat(schema.problems(body, JSON.readTree("{\"name\":\"jane\",\"expires\":null,\"flow\":null,\"fixed_data\":{\"x\":1}}")))
                .isEmpty();
        assertThat(schema.problems(body, JSON.readTree("{\"name\":\"jane\",\"singleuse\":true}")))
                .containsExactly("field \"singleuse\" is not in the schema (misspelled?)");
        assertThat(schema.problems(body, JSON.readTree("{\"name\":\"jane doe\"}"))).singleElement().asString().startsWith("/name:");
    }
}
