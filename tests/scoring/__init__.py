"""Tests of the scoring engine (api.scoring)."""
