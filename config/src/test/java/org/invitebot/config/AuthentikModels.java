package org.invitebot.config;

import static org.invitebot.config.Blueprint.list;
import static org.invitebot.config.Blueprint.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What the checks need from Authentik's OpenAPI schema: the model names and each model's request body. */
record AuthentikModels(Set<String> models, Map<?, ?> components) {

    static AuthentikModels read(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(32 * 1024 * 1024);
        Map<?, ?> root = map(new Yaml(new SafeConstructor(options)).load(Files.readString(file)));
        Map<?, ?> components = map(map(root.get("components")).get("schemas"));
        Set<String> models = list(map(components.get("ModelEnum")).get("enum")).stream().map(String::valueOf)
                .collect(Collectors.toSet());
        if (!models.contains("authentik_flows.flow")) {
            throw new IllegalStateException("no ModelEnum with Authentik's models in " + file);
        }
        return new AuthentikModels(models, components);
    }

    /** authentik_flows.flowstagebinding is created through FlowStageBindingRequest. */
    Optional<Map<?, ?>> request(String model) {
        String wanted = model.substring(model.indexOf('.') + 1) + "request";
        List<?> matches = components.keySet().stream().filter(name -> wanted.equalsIgnoreCase(String.valueOf(name))).toList();
        return matches.size() == 1 ? Optional.of(map(components.get(matches.get(0)))) : Optional.empty();
    }

    /** The values a property allows when it is an enum ($ref, allOf or oneOf of enums), else null. */
    List<Object> enumValues(Map<?, ?> property) {
        List<Object> references = new ArrayList<>();
        if (property.containsKey("$ref")) {
            references.add(property.get("$ref"));
        }
        for (String combination : List.of("allOf", "oneOf", "anyOf")) {
            for (Object part : list(property.get(combination))) {
                if (!map(part).containsKey("$ref")) {
                    return null;
                }
                references.add(map(part).get("$ref"));
            }
        }
        List<Object> values = new ArrayList<>();
        for (Object reference : references) {
            String name = String.valueOf(reference).substring(String.valueOf(reference).lastIndexOf('/') + 1);
            if (!(map(components.get(name)).get("enum") instanceof List<?> allowed)) {
                return null;
            }
            values.addAll(allowed);
        }
        return references.isEmpty() ? null : values;
    }
}
