package org.invitebot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.core.config.ConfigFixtures.minimalWith;
import static org.invitebot.core.config.ConfigFixtures.problemsOf;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One wrong thing in an otherwise valid configuration, and the one line the operator reads about it. */
class ConfigValidationTest {

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                // unknown keys and wrong shapes
                refused("sigal: {enabled: true}",
                        "sigal: unknown key; expected one of authentik, invitations, matrix, signal, requests, state, http, logging"),
                refused("matrix: {romos: []}",
                        "matrix.romos: unknown key; expected one of homeserver, user_id, access_token, access_token_file,"
                                + " trusted_servers, command_prefix, rooms, notifications_room, encryption, password, password_file, reactions"),
                refused("matrix: {encryption: {trust: verified}}",
                        "matrix.encryption.trust: expected one of cross-signed, any, got \"verified\""),
                refused("matrix: {rooms: [{id: \"!a:example.org\", privat: true}]}",
                        "matrix.rooms[0].privat: unknown key; expected one of id, private"),
                refused("state: {file: x.db}", "state.file: unknown key; expected one of path"),
                refused("invitations: [7d]",
                        "invitations: expected a map with the keys default_expiry_email, default_expiry_link, min_expiry,"
                                + " max_expiry, sweep_interval, email_confirm_timeout, events_poll_interval, link_abandon_window"),
                // authentik
                refused("authentik: {url: ~}",
                        "authentik.url: missing; expected an http(s) URL like https://auth.example.org"),
                refused("authentik: {url: ftp://auth.example.org}",
                        "authentik.url: expected an http(s) URL like https://auth.example.org, got \"ftp://auth.example.org\""),
                refused("authentik: {url: auth.example.org}",
                        "authentik.url: expected an http(s) URL like https://auth.example.org, got \"auth.example.org\""),
                refused("authentik: {url: \"https:///no-host\"}",
                        "authentik.url: expected an http(s) URL like https://auth.example.org, got \"https:///no-host\""),
                refused("authentik: {token: ~}", "authentik.token: missing; set token or token_file"),
                refused("authentik: {enrollment_flow: Invitation Enrollment}",
                        "authentik.enrollment_flow: expected a flow slug like invitation-enrollment,"
                                + " got \"Invitation Enrollment\""),
                refused("authentik: {admin_groups: authentik Admins}",
                        "authentik.admin_groups: expected a list of group names"),
                refused("authentik: {admin_groups: []}",
                        "authentik.admin_groups: expected at least one group name: nobody could run commands"),
                refused("authentik: {admin_groups: [[nested]]}", "authentik.admin_groups[0]: expected a group name"),
                refused("authentik: {user_mapping: email}",
                        "authentik.user_mapping: expected localpart or attribute:<name>, got \"email\""),
                refused("authentik: {user_mapping: \"attribute:\"}",
                        "authentik.user_mapping: expected localpart or attribute:<name>, got \"attribute:\""),
                refused("authentik: {invitable_groups: [media-users]}",
                        "authentik.invitable_groups: expected a map of group name to what it grants"),
                refused("authentik: {delegation: {helpdesk: [media-users]}}",
                        "authentik.delegation.helpdesk: expected a group from admin_groups (authentik Admins)"),
                refused("authentik: {delegation: {authentik Admins: [movies]}}",
                        "authentik.delegation[\"authentik Admins\"][0]: expected a group from invitable_groups"
                                + " (media-users, ai-users, cloud-users, communication-users), got \"movies\""),
                refused("authentik: {delegation: {authentik Admins: media-users}}",
                        "authentik.delegation[\"authentik Admins\"]: expected a list of groups from invitable_groups"),
                refused("authentik: {delegation: [media-users]}",
                        "authentik.delegation: expected a map of admin group to a list of groups its members may grant"),
                // invitations
                refused("invitations: {min_expiry: 10 minutes}",
                        "invitations.min_expiry: expected a duration like 30m, 12h, 7d or 2w, got \"10 minutes\""),
                refused("invitations: {sweep_interval: 0m}", "invitations.sweep_interval: expected a duration longer than 0"),
                refused("invitations: {min_expiry: 40d}", "invitations.min_expiry: 40d is longer than max_expiry (30d)"),
                refused("invitations: {default_expiry_email: 60d}",
                        "invitations.default_expiry_email: 60d is longer than max_expiry (30d)"),
                refused("invitations: {default_expiry_link: 5m}",
                        "invitations.default_expiry_link: 5m is shorter than min_expiry (10m)"),
                // matrix
                refused("matrix: {homeserver: matrix.example.org}",
                        "matrix.homeserver: expected an http(s) URL like https://matrix.example.org,"
                                + " got \"matrix.example.org\""),
                refused("matrix: {user_id: invitebot}",
                        "matrix.user_id: expected a Matrix user ID like @invitebot:example.org, got \"invitebot\""),
                refused("matrix: {user_id: \"@invitebot\"}",
                        "matrix.user_id: expected a Matrix user ID like @invitebot:example.org, got \"@invitebot\""),
                refused("matrix: {access_token: ~}", "matrix.access_token: missing; set access_token or access_token_file"),
                refused("matrix: {trusted_servers: example.org}",
                        "matrix.trusted_servers: expected a list of server names like example.org"),
                refused("matrix: {trusted_servers: []}",
                        "matrix.trusted_servers: expected at least one server name: nobody could run commands"),
                refused("matrix: {trusted_servers: [example.org, \"https://example.org\"]}",
                        "matrix.trusted_servers[1]: expected a server name like example.org, got \"https://example.org\""),
                refused("matrix: {command_prefix: \"!!!!\"}",
                        "matrix.command_prefix: expected 1 to 3 characters without spaces, like !, got \"!!!!\""),
                refused("matrix: {command_prefix: \"! \"}",
                        "matrix.command_prefix: expected 1 to 3 characters without spaces, like !, got \"! \""),
                refused("matrix: {rooms: {id: \"!a:example.org\"}}",
                        "matrix.rooms: expected a list of rooms, each with an id and private: true or false"),
                refused("matrix: {rooms: [{id: admins}]}",
                        "matrix.rooms[0].id: expected a room ID like !abc:example.org, got \"admins\""),
                refused("matrix: {rooms: [{private: true}]}",
                        "matrix.rooms[0].id: missing; expected a room ID like !abc:example.org"),
                refused("matrix: {rooms: [{id: \"!a:example.org\", private: yes please}]}",
                        "matrix.rooms[0].private: expected true or false, got \"yes please\""),
                refused("matrix: {rooms: [{id: \"!a:example.org\"}, {id: \"!a:example.org\", private: true}]}",
                        "matrix.rooms[1].id: !a:example.org is listed more than once"),
                refused("matrix: {notifications_room: \"#onboarding:example.org\"}",
                        "matrix.notifications_room: expected a room ID like !abc:example.org,"
                                + " got \"#onboarding:example.org\""),
                // signal
                refused("signal: {enabled: maybe}", "signal.enabled: expected true or false, got \"maybe\""),
                refused("signal: {enabled: true}",
                        "signal.number: missing; set number or number_file (needed when enabled is true)"),
                refused("signal: {number: \"5550000\"}", "signal.number: expected an E.164 number like +15550000000"),
                refused("signal: {url: \"127.0.0.1:8080\"}",
                        "signal.url: expected an http(s) URL like http://127.0.0.1:8080, got \"127.0.0.1:8080\""),
                refused("signal: {mode: JSON-RPC}",
                        "signal.mode: expected one of json-rpc, normal, native, got \"JSON-RPC\""),
                refused("signal: {admins: {\"+15551234567890123\": alice}}",
                        "signal.admins[\"+1555***0123\"]: expected an E.164 number like +15550000000 as the key"),
                refused("signal: {admins: {\"+15551234567\": [alice]}}",
                        "signal.admins[\"+1555***4567\"]: expected an Authentik username"),
                refused("signal: {admins: [\"+15551234567\"]}",
                        "signal.admins: expected a map of phone number (+E.164) to Authentik username"),
                // state, http, logging
                refused("state: {path: \"\"}", "state.path: expected a file path, got \"\""),
                refused("http: {port: 0}", "http.port: expected a port number from 1 to 65535, got \"0\""),
                refused("http: {port: 65536}", "http.port: expected a port number from 1 to 65535, got \"65536\""),
                refused("http: {port: eighty}", "http.port: expected a port number from 1 to 65535, got \"eighty\""),
                refused("logging: {format: JSON}", "logging.format: expected one of text, json, got \"JSON\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void aWrongValueIsNamedByItsKeyPathWithWhatWasExpected(String override, String problem) {
        assertThat(problemsOf(minimalWith(override))).containsExactly(problem);
    }

    private static Arguments refused(String override, String problem) {
        return Arguments.of(override, problem);
    }
}
