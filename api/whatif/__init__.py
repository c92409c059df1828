"""What-if runs (mô phỏng) and rank stability over a round's stored inputs, for DIC's yearly
revision of the criteria: another framework version (a draft, typically) or a variant with other
weights or max points, scored on the values, units and reviewers' points of a past round, and
how each unit's rank would move; and how stable the ranks are when every weight is perturbed.

Nothing is written: the inputs are read on a short read-only session, and the engine
(``api.scoring.whatif``) runs in a worker thread, bounded by the size of the work it is given.
"""
