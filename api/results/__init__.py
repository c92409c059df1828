"""Results: adapters between the database and the pure scoring engine (api.scoring), and — with
score runs and publications — the results units, DIC and the public read."""
