package org.invitebot.testbed.matrix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

/**
 * JSON Schema draft 2020-12 validation (the dialect of OpenAPI 3.1 and of the event schemas) of
 * values against schemas inside the spec files, loaded from the classpath by address so that
 * relative {@code $ref}s such as {@code ../../event-schemas/...} resolve.
 */
final class SchemaValidation {

    // OpenAPI keys (openapi, paths, example, x-addedInMatrixVersion ...) are not JSON Schema
    // keywords: ignore them instead of warning about each one.
    private static final Dialect SPEC_DIALECT = Dialect.builder(Dialects.getDraft202012())
            .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
            .build();

    private final SchemaRegistry registry = SchemaRegistry.withDialect(SPEC_DIALECT);
    private final Map<String, Schema> compiled = new HashMap<>();

    /** Problems of {@code value} against {@code schema}, each naming where in the value it is. */
    // The validator resolves $refs lazily on first use and schemas share loaded documents: one
    // validation at a time keeps that safe, and validations take microseconds.
    synchronized List<String> problems(SpecNode schema, JsonNode value) {
        Schema compiledSchema = compiled.computeIfAbsent(schema.iri(), iri -> registry.getSchema(SchemaLocation.of(iri)));
        return compiledSchema.validate(value).stream().map(SchemaValidation::describe).toList();
    }

    private static String describe(Error error) {
        String where = error.getInstanceLocation().toString();
        String message = error.getMessage();
        return where.isEmpty() || where.equals("$") ? message : where + ": " + message;
    }
}
