package org.invitebot.core.command;

/** A chat command after parsing, before any policy or authorisation check. */
public sealed interface Command permits Invite, Help, Audit, ListInvitations, Revoke, Reissue, Groups, WhoAmI,
        Trust, Request, Approve, Deny, ListRequests {
}
