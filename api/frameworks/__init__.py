"""Index frameworks (bộ chỉ số): versions with their criteria tree, data elements, scoring rules and
guidance, stored as validated data; frozen once a round uses them, cloned to revise."""
