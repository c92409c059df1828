"""Units (đơn vị) and unit groups (nhóm xếp hạng): who is assessed, ranked against whom, and the
history of units across administrative mergers (predecessors)."""
