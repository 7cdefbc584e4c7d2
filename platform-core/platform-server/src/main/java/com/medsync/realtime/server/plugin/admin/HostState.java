package com.medsync.realtime.server.plugin.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What survives a restart: the current phase and the plugins that were started, in
 * {@code <state dir>/plugins.json}. Written whole to a temporary file and moved into place, so a crash
 * mid-write leaves the previous state.
 */
final class HostState {

    private static final Logger log = LoggerFactory.getLogger(HostState.class);

    /** The saved state. */
    record Saved(Optional<String> phase, List<String> started) {
    }

    private final Path file;
    private final ObjectMapper mapper;

    HostState(Path stateDir, ObjectMapper mapper) {
        this.file = stateDir.resolve("plugins.json");
        this.mapper = mapper;
    }

    Optional<Saved> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = mapper.readTree(file.toFile());
            List<String> started = new ArrayList<>();
            json.path("started").forEach(id -> started.add(id.asText()));
            JsonNode phase = json.path("phase");
            return Optional.of(new Saved(phase.isTextual() ? Optional.of(phase.asText()) : Optional.empty(), started));
        } catch (IOException e) {
            log.error("Ignoring unreadable plugin state {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void write(Optional<String> phase, Collection<String> started) {
        ObjectNode json = mapper.createObjectNode();
        json.put("phase", phase.orElse(null));
        com.fasterxml.jackson.databind.node.ArrayNode ids = json.putArray("started");
        started.forEach(ids::add);
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), json);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save plugin state to " + file, e);
        }
    }
}
