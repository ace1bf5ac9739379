package org.invitebot.testbed.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The Matrix spec's YAML files on the classpath, parsed on first use, and {@code $ref} resolution between them. */
final class SpecDocuments {

    static final String ROOT = "reference/matrix-spec/data/";
    static final String CLIENT_SERVER = ROOT + "api/client-server/";
    static final String EVENT_SCHEMAS = ROOT + "event-schemas/schema/";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<String, Optional<JsonNode>> documents = new ConcurrentHashMap<>();

    /** The whole document at {@code file} (a classpath path), if the spec copy has it. */
    Optional<SpecNode> document(String file) {
        return documents.computeIfAbsent(file, this::read).map(node -> new SpecNode(file, "", node));
    }

    /** Follows {@code $ref} until a node without one; a node that is not a reference is returned as is. */
    SpecNode resolve(SpecNode node) {
        SpecNode current = node;
        for (int hops = 0; current.node().has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref cycle at " + node.iri());
            }
            current = follow(current, current.node().get("$ref").asText());
        }
        return current;
    }

    /** The target of {@code ref}, written relative to the file that holds {@code from}. */
    SpecNode follow(SpecNode from, String ref) {
        int hash = ref.indexOf('#');
        String filePart = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        String file = filePart.isEmpty() ? from.file() : URI.create("file:/" + from.file()).resolve(filePart).getPath().substring(1);
        SpecNode document = document(file)
                .orElseThrow(() -> new IllegalStateException("$ref " + ref + " in " + from.file() + " names a file the spec copy lacks"));
        return new SpecNode(file, pointer, document.node().at(pointer));
    }

    /** The client-server API files, listed from the classpath directory or jar that holds them. */
    List<String> clientServerFiles() {
        URL directory = SpecDocuments.class.getClassLoader().getResource(CLIENT_SERVER);
        if (directory == null) {
            throw new IllegalStateException("the Matrix spec copy is not on the classpath at " + CLIENT_SERVER);
        }
        try {
            URI uri = directory.toURI();
            if (uri.getScheme().equals("jar")) {
                // a private file system on the jar: a shared one might be closed by its owner meanwhile
                String ssp = uri.getSchemeSpecificPart();
                Path jarFile = Path.of(URI.create(ssp.substring(0, ssp.indexOf("!/"))));
                try (FileSystem jar = FileSystems.newFileSystem(jarFile)) {
                    return listYaml(jar.getPath(CLIENT_SERVER));
                }
            }
            return listYaml(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> listYaml(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .sorted()
                    .map(name -> CLIENT_SERVER + name)
                    .toList();
        }
    }

    private Optional<JsonNode> read(String file) {
        try (InputStream in = SpecDocuments.class.getClassLoader().getResourceAsStream(file)) {
            return in == null ? Optional.empty() : Optional.of(yaml.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse spec file " + file, e);
        }
    }
}
