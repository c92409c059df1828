"""Read models that combine several domains, above all of them: a unit's assessment with its
review state and live score preview, and the review queue. The HTTP face of a unit's assessment
lives here too, since every write to it answers with the whole view."""
