package org.invitebot.testbed.signal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An incoming text message as signal-cli writes it and the server passes it on unchanged: one
 * element of the receive array in normal and native mode, one WebSocket text frame in json-rpc
 * mode (the {@code params} of signal-cli's {@code receive} notification). Shape as signal-cli's
 * JsonMessageEnvelope and JsonDataMessage (AsamK/signal-cli) and the swagger's {@code data.Message}.
 */
final class EnvelopeJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EnvelopeJson() {
    }

    /**
     * A message from a contact's primary device (device 1), without disappearing timer.
     *
     * @param timestamp   the sender's timestamp, which identifies the message together with the sender
     * @param deliveredAt when the Signal server handed it over; differs between deliveries of one message
     */
    static String textMessage(String account, String source, long timestamp, long deliveredAt, String text) {
        ObjectNode message = NODES.objectNode();
        ObjectNode envelope = message.putObject("envelope")
                .put("source", source)
                .put("sourceNumber", source)
                .put("sourceUuid", uuidOf(source).toString())
                // the contact's profile name; the stand-in knows none
                .put("sourceName", "")
                .put("sourceDevice", 1)
                .put("timestamp", timestamp)
                .put("serverReceivedTimestamp", timestamp)
                .put("serverDeliveredTimestamp", deliveredAt);
        envelope.putObject("dataMessage")
                .put("timestamp", timestamp)
                .put("message", text)
                .put("expiresInSeconds", 0)
                .put("viewOnce", false);
        message.put("account", account);
        return message.toString();
    }

    /** The sender's account ID: the same for every message of one number. */
    static UUID uuidOf(String number) {
        return UUID.nameUUIDFromBytes(("signal account " + number).getBytes(StandardCharsets.UTF_8));
    }
}
