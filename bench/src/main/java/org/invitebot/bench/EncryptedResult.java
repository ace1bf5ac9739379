package org.invitebot.bench;

import java.time.Duration;
import java.util.List;

/**
 * The encrypted-room phase.
 *
 * @param clear        commands one at a time in a clear room
 * @param encrypted    the same in an encrypted room
 * @param clearCpu     the bot's CPU per command in the clear room
 * @param encryptedCpu the bot's CPU per command in the encrypted room
 * @param firstAnswers command → answer of the first command in each crowded room, the first with new Olm
 *                     sessions to every member device, the others reusing them
 * @param nextAnswers  command → answer of the second command in each crowded room, the room key already shared
 */
record EncryptedResult(List<CommandSample> clear, List<CommandSample> encrypted, Duration clearCpu, Duration encryptedCpu,
        List<Duration> firstAnswers, List<Duration> nextAnswers) {
}
