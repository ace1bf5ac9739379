package org.invitebot.testbed.authentik;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Invitations (API-NOTES §1): Authentik's InvitationViewSet, a plain DRF ModelViewSet. */
final class InvitationApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final Map<String, Comparator<StoredInvitation>> ORDERINGS = Map.of(
            "name", Comparator.comparing(StoredInvitation::name),
            // PostgreSQL sorts NULL after every value
            "expires", Comparator.comparing(StoredInvitation::expires, Comparator.nullsLast(Comparator.naturalOrder())),
            "single_use", Comparator.comparing(StoredInvitation::singleUse),
            "pk", Comparator.comparing(StoredInvitation::pk));
    // how PostgreSQL writes a timestamptz as text, which is what the search matches against
    private static final DateTimeFormatter DATABASE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuthentikState state;
    private final AuthentikJson json;

    InvitationApi(AuthentikState state, AuthentikJson json) {
        this.state = state;
        this.json = json;
    }

    /** Expired invitations too: the list does not hide them (API-NOTES §1). */
    AuthentikReply list(AuthentikApi.Call call) {
        ListQuery query = new ListQuery(call.url());
        Map<UUID, String> flowSlugs = state.flows().stream().collect(Collectors.toMap(AuthentikState.Flow::pk, AuthentikState.Flow::slug));
        List<JsonNode> results = state.invitations().stream()
                .filter(invitation -> {
                    String flowSlug = invitation.flow() == null ? null : flowSlugs.get(invitation.flow());
                    return query.exact("name", invitation.name())
                            && query.exact("created_by__username", invitation.createdBy())
                            && query.exact("flow__slug", flowSlug)
                            && (!query.searching() || query.searchFinds(invitation.name(), invitation.createdBy(),
                                    databaseTime(invitation.expires()), flowSlug));
                })
                .sorted(ordering(query.value("ordering")))
                .<JsonNode>map(json::invitation)
                .toList();
        return Page.of(query, results);
    }

    AuthentikReply create(AuthentikApi.Call call) {
        InvitationFields fields = InvitationFields.read(RequestValues.object(call.body()), state);
        StoredInvitation invitation = state.addInvitation(new StoredInvitation(UUID.randomUUID(), fields.name(),
                fields.expires(), fields.singleUse(), fields.flow(), fields.fixedData(), call.caller().username));
        return AuthentikReply.json(201, json.invitation(invitation));
    }

    AuthentikReply retrieve(AuthentikApi.Call call) {
        return AuthentikReply.json(200, json.invitation(find(call)));
    }

    AuthentikReply destroy(AuthentikApi.Call call) {
        state.deleteInvitation(find(call).pk(), call.caller().username);
        return AuthentikReply.noContent();
    }

    /** DRF's get_object_or_404: "Not found." for a malformed UUID, the model's message for a missing one. */
    private StoredInvitation find(AuthentikApi.Call call) {
        UUID pk = RequestValues.uuid(call.pathParameters().get("invite_uuid")).orElseThrow(AuthentikRefusal::notFound);
        return state.invitation(pk).orElseThrow(() -> AuthentikRefusal.detail(404, "No Invitation matches the given query."));
    }

    /** DRF's OrderingFilter: comma-separated fields, {@code -} for descending; unknown fields are dropped. */
    private static Comparator<StoredInvitation> ordering(String parameter) {
        List<Comparator<StoredInvitation>> terms = new ArrayList<>();
        for (String term : parameter == null ? new String[0] : parameter.split(",")) {
            String field = term.strip();
            boolean descending = field.startsWith("-");
            Comparator<StoredInvitation> order = ORDERINGS.get(descending ? field.substring(1) : field);
            if (order != null) {
                terms.add(descending ? order.reversed() : order);
            }
        }
        if (terms.isEmpty()) {
            // the viewset's default ordering
            terms.add(ORDERINGS.get("expires").reversed());
        }
        return terms.stream().reduce(Comparator::thenComparing).orElseThrow();
    }

    private static String databaseTime(Instant instant) {
        return instant == null ? null : DATABASE_TIME.format(instant) + "+00";
    }

    /**
     * The fields of a create request, checked one by one as DRF's InvitationSerializer checks them;
     * all messages are collected before answering 400. Fields the serializer does not know are ignored.
     */
    private record InvitationFields(String name, Instant expires, Map<String, Object> fixedData, boolean singleUse, UUID flow) {

        static InvitationFields read(JsonNode body, AuthentikState state) {
            Map<String, List<String>> errors = new LinkedHashMap<>();
            String name = DrfFields.slug(body, "name", errors);
            Instant expires = DrfFields.dateTime(body, "expires", errors);
            Map<String, Object> fixedData = Map.of();
            JsonNode fixed = body.get("fixed_data");
            if (fixed != null) {
                if (fixed.isNull()) {
                    errors.put("fixed_data", List.of("This field may not be null."));
                } else if (!fixed.isObject()) {
                    errors.put("fixed_data", List.of("Value must be a dictionary, and not have any duplicate keys."));
                } else {
                    // JSON null values are kept, which Map.copyOf would refuse
                    fixedData = Collections.unmodifiableMap(JSON.convertValue(fixed, MAP));
                }
            }
            boolean singleUse = DrfFields.bool(body, "single_use", false, errors);
            UUID flow = DrfFields.primaryKey(body, "flow", pk -> state.flow(pk).isPresent(), errors);
            if (!errors.isEmpty()) {
                throw AuthentikRefusal.invalid(errors);
            }
            return new InvitationFields(name, expires == null ? null : expires.truncatedTo(ChronoUnit.MICROS), fixedData,
                    singleUse, flow);
        }
    }
}
