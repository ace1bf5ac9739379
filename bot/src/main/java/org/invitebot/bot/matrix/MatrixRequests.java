package org.invitebot.bot.matrix;

import java.net.URI;
import java.util.function.Function;

import org.invitebot.core.config.RequestSettings;
import org.invitebot.core.invite.InvitationRequests;
import org.invitebot.core.port.Invitation;

/**
 * What the Matrix adapter needs for invitation requests.
 *
 * @param links the enrollment link of an invitation, for a request approved in link mode
 */
public record MatrixRequests(RequestSettings settings, InvitationRequests requests, Function<Invitation, URI> links) {
}
