"""The admin's Matrix client for invitebot's end-to-end encryption tests: matrix-nio (on libolm), an
E2EE client independent of the bot, driven by JSON lines on stdin, one JSON answer per line on stdout.

Started as: nio_admin.py HOMESERVER USER_ID DEVICE_ID ACCESS_TOKEN STORE_DIR
"""
import asyncio
import json
import sys
import time

import olm

from nio import AsyncClient, AsyncClientConfig, InviteMemberEvent, MegolmEvent, RoomMessageNotice, RoomMessageText


class Admin:
    def __init__(self, homeserver, user_id, device_id, token, store):
        config = AsyncClientConfig(encryption_enabled=True, store_sync_tokens=True)
        self.client = AsyncClient(homeserver, user_id, device_id=device_id, store_path=store, config=config)
        self.client.restore_login(user_id, device_id, token)
        self.messages = []      # decrypted or plain messages: (room, sender, content, was_encrypted)
        self.undecryptable = []  # Megolm events nio could not decrypt: (room, sender, event_id, session_id)
        self.client.add_event_callback(self.on_message, (RoomMessageText, RoomMessageNotice))
        self.client.add_event_callback(self.on_undecryptable, MegolmEvent)
        self.client.add_event_callback(self.on_invite, InviteMemberEvent)
        self.invited_to = set()

    def on_message(self, room, event):
        self.messages.append((room.room_id, event.sender, event.source.get("content", {}), bool(event.decrypted)))

    def on_undecryptable(self, room, event):
        self.undecryptable.append((room.room_id, event.sender, event.event_id, event.session_id))

    def on_invite(self, room, event):
        if event.state_key == self.client.user_id and event.membership == "invite":
            self.invited_to.add(room.room_id)

    async def sync(self, timeout_ms):
        # a long timeline, so a burst of answers between two syncs is never cut off as "limited"
        await self.client.sync(timeout=timeout_ms, full_state=self.client.next_batch is None,
                               sync_filter={"room": {"timeline": {"limit": 1000}}})
        for room_id in list(self.invited_to):
            await self.client.join(room_id)
            self.invited_to.discard(room_id)
        if self.client.should_upload_keys:
            await self.client.keys_upload()
        if self.client.should_query_keys:
            await self.client.keys_query()
        if self.client.should_claim_keys:
            await self.client.keys_claim(self.client.get_users_for_key_claiming())
        await self.client.send_to_device_messages()

    async def until(self, found, timeout_s):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            result = found()
            if result is not None:
                return result
            await self.sync(1000)
        return found()

    async def handle(self, request):
        op = request["op"]
        if op == "start":
            await self.sync(0)
            await self.sync(0)
            keys = self.client.olm.account.identity_keys
            return {"device_id": self.client.device_id, "curve25519": keys["curve25519"], "ed25519": keys["ed25519"]}
        if op == "send":
            room = request["room"]
            await self.until(lambda: True if room in self.client.rooms else None, 10)
            await self.sync(0)
            response = await self.client.room_send(room, "m.room.message", {"msgtype": "m.text", "body": request["body"]},
                                                   ignore_unverified_devices=True)
            return {"event_id": getattr(response, "event_id", None), "error": getattr(response, "message", None)}
        if op == "await_reply":
            room, event_id = request["room"], request["event_id"]

            def reply():
                for room_id, sender, content, encrypted in self.messages:
                    relates = content.get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
                    if room_id == room and relates == event_id:
                        return {"body": content.get("body"), "encrypted": encrypted}
                return None
            return await self.until(reply, request.get("timeout", 20)) or {"body": None}
        if op == "await_text":
            sender_wanted, text = request["sender"], request["contains"]

            def message():
                for room_id, sender, content, encrypted in self.messages:
                    if sender == sender_wanted and text in (content.get("body") or ""):
                        room = self.client.rooms.get(room_id)
                        return {"room": room_id, "body": content.get("body"), "encrypted": encrypted,
                                "room_encrypted": bool(room and room.encrypted)}
                return None
            return await self.until(message, request.get("timeout", 20)) or {"body": None}
        if op == "undecryptable":
            await self.sync(0)
            return {"events": [{"room": r, "sender": s, "event_id": e, "session_id": i} for r, s, e, i in self.undecryptable]}
        if op == "reply_counts":
            await self.sync(0)
            counts = {}
            for room_id, sender, content, encrypted in self.messages:
                relates = content.get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
                if room_id == request["room"] and sender == request["sender"] and relates:
                    counts[relates] = counts.get(relates, 0) + 1
            return {"counts": counts}
        if op == "messages_from":
            return {"count": sum(1 for m in self.messages if m[1] == request["sender"] and m[0] == request["room"])}
        if op == "verify_signed":
            key = request["key"]
            return {"valid": verify_signed(request["signed"], request["user"], key, request.get("key_id", key))}
        raise ValueError("unknown op " + op)


def verify_signed(signed, user, key, key_id):
    """Matrix's signed JSON, checked by libolm: the key's signature (under ed25519:key_id) over the canonical JSON
    without signatures."""
    signature = signed.get("signatures", {}).get(user, {}).get("ed25519:" + key_id)
    if signature is None:
        return False
    unsigned = {k: v for k, v in signed.items() if k not in ("signatures", "unsigned")}
    canonical = json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    try:
        olm.ed25519_verify(key, canonical, signature)
        return True
    except olm.OlmVerifyError:
        return False


async def main():
    homeserver, user_id, device_id, token, store = sys.argv[1:6]
    admin = Admin(homeserver, user_id, device_id, token, store)
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line or line.strip() == "":
            break
        request = json.loads(line)
        if request["op"] == "quit":
            break
        try:
            answer = await admin.handle(request)
        except Exception as error:  # the test reads the failure as an answer
            answer = {"error": type(error).__name__ + ": " + str(error)}
        print(json.dumps(answer), flush=True)
    await admin.client.close()


if __name__ == "__main__":
    asyncio.run(main())
