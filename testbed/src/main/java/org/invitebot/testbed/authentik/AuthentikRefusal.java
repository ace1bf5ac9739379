package org.invitebot.testbed.authentik;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Ends an operation with an error answer, as a DRF view raising a ValidationError or Http404 does. */
final class AuthentikRefusal extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient AuthentikReply reply;

    private AuthentikRefusal(AuthentikReply reply) {
        super(reply.status() + " " + reply.body(), null, false, false);
        this.reply = reply;
    }

    AuthentikReply reply() {
        return reply;
    }

    static AuthentikRefusal notFound() {
        return new AuthentikRefusal(AuthentikReply.notFound());
    }

    static AuthentikRefusal detail(int status, String detail) {
        return new AuthentikRefusal(AuthentikReply.detail(status, detail));
    }

    /** 400 with DRF's ValidationError body: field name to its messages. */
    static AuthentikRefusal invalid(Map<String, List<String>> messagesByField) {
        return new AuthentikRefusal(AuthentikReply.json(400, JSON.valueToTree(messagesByField)));
    }

    static AuthentikRefusal invalid(String field, String message) {
        return invalid(Map.of(field, List.of(message)));
    }

    /** 400 with a bare list of messages: what a ValidationError raised with a plain string gives. */
    static AuthentikRefusal invalid(String message) {
        return new AuthentikRefusal(AuthentikReply.json(400, JSON.valueToTree(List.of(message))));
    }
}
