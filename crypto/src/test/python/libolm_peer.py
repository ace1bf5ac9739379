"""libolm, through Debian's python3-olm, as the other side of invitebot's Olm and Megolm tests.

Reads one JSON request per line on stdin and answers one JSON line on stdout. Objects live in a table
and are named by the handles the requests give them.
"""
import json
import sys

import olm

objects = {}


def handle(r):
    op = r["op"]
    if op == "account":
        objects[r["id"]] = olm.Account()
        return objects[r["id"]].identity_keys
    if op == "one_time_keys":
        account = objects[r["id"]]
        account.generate_one_time_keys(r["count"])
        keys = account.one_time_keys["curve25519"]
        account.mark_keys_as_published()
        return {"keys": keys}
    if op == "fallback_key":
        account = objects[r["id"]]
        account.generate_fallback_key()
        keys = account.fallback_key["curve25519"]
        account.mark_keys_as_published()
        return {"keys": keys}
    if op == "sign":
        return {"signature": objects[r["id"]].sign(r["message"])}
    if op == "pk_signing":
        objects[r["id"]] = olm.PkSigning(olm.PkSigning.generate_seed())
        return {"public_key": objects[r["id"]].public_key}
    if op == "pk_sign":
        return {"signature": objects[r["id"]].sign(r["message"])}
    if op == "verify":
        try:
            olm.ed25519_verify(r["key"], r["message"], r["signature"])
            return {"valid": True}
        except olm.OlmVerifyError:
            return {"valid": False}
    if op == "outbound":
        objects[r["session"]] = olm.OutboundSession(objects[r["account"]], r["identity_key"], r["one_time_key"])
        return {"session_id": objects[r["session"]].id}
    if op == "inbound":
        account = objects[r["account"]]
        session = olm.InboundSession(account, olm.OlmPreKeyMessage(r["body"]), r["identity_key"])
        account.remove_one_time_keys(session)
        objects[r["session"]] = session
        return {"session_id": session.id, "plaintext": session.decrypt(olm.OlmPreKeyMessage(r["body"]))}
    if op == "encrypt":
        message = objects[r["session"]].encrypt(r["plaintext"])
        return {"type": message.message_type, "body": message.ciphertext}
    if op == "decrypt":
        kind = olm.OlmPreKeyMessage if r["type"] == 0 else olm.OlmMessage
        try:
            return {"plaintext": objects[r["session"]].decrypt(kind(r["body"]))}
        except olm.OlmSessionError as error:
            return {"error": str(error)}
    if op == "group_outbound":
        session = olm.OutboundGroupSession()
        objects[r["id"]] = session
        return {"session_id": session.id, "session_key": session.session_key}
    if op == "group_encrypt":
        return {"ciphertext": objects[r["id"]].encrypt(r["plaintext"])}
    if op == "group_inbound":
        session = olm.InboundGroupSession(r["session_key"])
        objects[r["id"]] = session
        return {"session_id": session.id, "first_known_index": session.first_known_index}
    if op == "group_import":
        session = olm.InboundGroupSession.import_session(r["exported"])
        objects[r["id"]] = session
        return {"session_id": session.id, "first_known_index": session.first_known_index}
    if op == "group_decrypt":
        try:
            plaintext, index = objects[r["id"]].decrypt(r["ciphertext"])
            return {"plaintext": plaintext, "index": index}
        except olm.OlmGroupSessionError as error:
            return {"error": str(error)}
    if op == "group_export":
        return {"exported": objects[r["id"]].export_session(r["index"])}
    raise ValueError("unknown op " + op)


for line in sys.stdin:
    if not line.strip():
        continue
    try:
        answer = handle(json.loads(line))
    except Exception as error:  # the Java side reads the failure as an answer
        answer = {"error": type(error).__name__ + ": " + str(error)}
    print(json.dumps(answer), flush=True)
