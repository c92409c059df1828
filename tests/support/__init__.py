"""Helpers shared by the tests: plain functions and classes, imported by test modules and
conftest files alike. Fixtures live in conftest files, and nothing imports a conftest."""
