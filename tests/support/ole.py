"""Tiny OLE compound files (MS-CFB, version 3), made in memory, for the tests of what Office files
may carry: a VBA project (what Word stores as vbaProject.bin) and an OLE Package (an embedded
file, as Word's "Insert > Object > Package" makes). Only what readers need: streams of 4,096 bytes
or more (so no mini stream), one FAT, no DIFAT sectors."""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass, field

SECTOR = 512
MIN_STREAM = 4096  # the mini stream cutoff: smaller streams would live in the mini stream
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class _Node:
    name: str
    data: bytes | None  # None: a storage
    children: dict[str, _Node] = field(default_factory=dict)
    id: int = 0
    start: int = END
    right: int = NONE


def _order(node: _Node) -> tuple[int, str]:
    return (len(node.name), node.name.upper())  # the compound file's sibling order


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` ("VBA/dir": the stream dir in the storage VBA)."""
    root = _Node("Root Entry", None)
    for path, data in streams.items():
        node = root
        *storages, name = path.split("/")
        for storage in storages:
            node = node.children.setdefault(storage, _Node(storage, None))
        node.children[name] = _Node(name, data.ljust(MIN_STREAM, b"\0"))
    nodes: list[_Node] = []
    queue = [root]
    while queue:
        node = queue.pop(0)
        node.id = len(nodes)
        nodes.append(node)
        children = sorted(node.children.values(), key=_order)
        queue.extend(children)
    for node in nodes:  # siblings as a chain of right links, in the compound file's order
        children = sorted(node.children.values(), key=_order)
        for left, right in itertools.pairwise(children):
            left.right = right.id

    fat: list[int] = []
    body = b""
    for node in nodes:
        if node.data is None:
            continue
        count = -(-len(node.data) // SECTOR)
        node.start = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(END)
        body += node.data.ljust(count * SECTOR, b"\0")
    directory = b"".join(_entry(node) for node in nodes)
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0")
    first_dir = len(fat)
    dir_sectors = len(directory) // SECTOR
    fat.extend(range(first_dir + 1, first_dir + dir_sectors))
    fat.append(END)
    fat_sectors = 1
    while (len(fat) + fat_sectors) > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    first_fat = len(fat)
    fat.extend([FAT_SECTOR] * fat_sectors)
    fat.extend([FREE] * (fat_sectors * (SECTOR // 4) - len(fat)))
    difat = list(range(first_fat, first_fat + fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        MAGIC,
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        fat_sectors,
        first_dir,
        0,
        MIN_STREAM,
        END,
        0,
        END,
        0,
    ) + struct.pack("<109I", *difat)
    assert len(header) == SECTOR
    return header + body + directory + struct.pack(f"<{len(fat)}I", *fat)


def _entry(node: _Node) -> bytes:
    name = node.name.encode("utf-16-le") + b"\0\0"
    kind = 5 if node.id == 0 else (1 if node.data is None else 2)
    children = sorted(node.children.values(), key=_order)
    child = children[0].id if children else NONE
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        kind,
        1,  # black
        NONE,
        node.right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        node.start if node.data is not None else END,
        len(node.data) if node.data is not None else 0,
    )


def vba_project() -> bytes:
    """A VBA project storage as Word keeps it in vbaProject.bin (PROJECT, VBA/dir,
    VBA/_VBA_PROJECT, a module whose compressed source says ``Attribute VB_Name``)."""
    return ole_file(
        {
            "PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\nDocument=ThisDocument/'
            b'&H00000000\r\nName="Project"\r\n',
            "VBA/_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x00\x00",
            "VBA/dir": b"\x01\x00\x00",
            "VBA/ThisDocument": b'\x01\x00\x00Attribut\x00e VB_Name = "ThisDocument"',
        }
    )


def ole_package(filename: str, payload: bytes) -> bytes:
    """An OLE Package object embedding the file ``filename`` (its \\x01Ole10Native stream)."""
    name = filename.encode("latin-1") + b"\0"
    path = f"C:\\Users\\x\\{filename}".encode("latin-1") + b"\0"
    native = (
        struct.pack("<H", 2)
        + name
        + path
        + struct.pack("<II", 0x00030000, len(path))
        + path
        + struct.pack("<I", len(payload))
        + payload
    )
    return ole_file({"\x01Ole10Native": struct.pack("<I", len(native)) + native})
