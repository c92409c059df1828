"""Evidence (tài liệu kiểm chứng): files stored once by their SHA-256, type sniffed from the bytes,
linked to indicator answers; a local folder by default, S3-compatible storage when configured."""
