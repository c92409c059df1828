"""Assessment rounds (kỳ đánh giá): a year's framework version, the units and groups taking part,
and the phase machine draft → collecting → reviewing → preliminary → final → published."""
