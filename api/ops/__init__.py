"""Operations endpoints: liveness, readiness (database reachable, migrations at head), metrics."""
