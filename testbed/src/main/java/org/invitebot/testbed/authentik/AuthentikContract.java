package org.invitebot.testbed.authentik;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Checks requests against Authentik's own OpenAPI schema ({@code reference/authentik-schema.yml}):
 * the path and method must exist; parameters, and the JSON body with no field the schema lacks, must
 * fit. Query parameters the operation does not declare are reported too: Authentik ignores them
 * silently, which is exactly how a misspelled filter goes unnoticed against the real server.
 */
final class AuthentikContract {

    private static final String SCHEMA = "/reference/authentik-schema.yml";

    /** Loaded once per JVM: the schema is 1.6 MB. */
    private static final class Loaded {
        static final AuthentikContract INSTANCE = load();
    }

    private final OpenApiInteractionValidator validator;

    private AuthentikContract(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    static AuthentikContract get() {
        return Loaded.INSTANCE;
    }

    /** @return what is wrong with the request, empty when it fits */
    List<String> problems(String method, String path, Map<String, List<String>> query, String contentType, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path)
                .withHeader("Authorization", "Bearer checked-elsewhere");
        query.forEach((name, values) -> request.withQueryParam(name, values));
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        ValidationReport report = validator.validateRequest(request.build());
        List<String> problems = new ArrayList<>();
        report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> problems.add(message.getKey() + ": " + message.getMessage()));
        return problems;
    }

    private static ValidationReport undeclaredQueryParameters(Request request, ApiOperation operation) {
        Set<String> declared = operation.getOperation().getParameters() == null ? Set.of()
                : operation.getOperation().getParameters().stream()
                        .filter(parameter -> "query".equals(parameter.getIn()))
                        .map(Parameter::getName)
                        .collect(Collectors.toSet());
        List<ValidationReport.Message> messages = request.getQueryParameters().stream()
                .filter(name -> !declared.contains(name))
                .map(name -> ValidationReport.Message.create("authentik.query.undeclared",
                        "query parameter '" + name + "' is not declared for " + operation.getOperation().getOperationId()
                                + " (declared: " + declared.stream().sorted().collect(Collectors.joining(", ")) + ")")
                        .build())
                .toList();
        return ValidationReport.from(messages);
    }

    private static AuthentikContract load() {
        String spec;
        try (InputStream in = AuthentikContract.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not on the classpath");
            }
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(spec, null, options).getOpenAPI();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api)
                .withLevelResolver(LevelResolver.create()
                        // the stand-in answers 403 itself for a bad token, as Authentik does
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        .withLevel("validation.response", ValidationReport.Level.IGNORE)
                        .build())
                .withCustomRequestValidation(AuthentikContract::undeclaredQueryParameters)
                .build();
        return new AuthentikContract(validator);
    }
}
