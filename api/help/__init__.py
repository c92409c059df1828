"""Help (trợ giúp): the first sign-in tour each user has seen, per role, and the support contact
(hotline, e-mail, office hours) that DIC shows in the help centre. The help content itself is
source text in the web app (frontend/src/features/help/content)."""
