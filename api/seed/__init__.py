"""Seed data: the 2023 units, groups, provider agencies and the frameworks as YAML files, and the
demo accounts and rounds (only with DTI_DEMO=1). Loading is idempotent: what exists is kept."""
