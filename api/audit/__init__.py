"""Audit trail (nhật ký thay đổi): an append-only record of every change — actor, action, object,
before and after, time and request id — chained by SHA-256 so that tampering is detectable."""
