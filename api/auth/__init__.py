"""Authentication and authorisation: users and their roles, provider API clients with scopes,
access and rotating refresh tokens, and sign-in throttling."""
