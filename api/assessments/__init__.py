"""Self-assessment (tự đánh giá): each unit's answers in a round — values of data elements with
their full revision history, notes, evidence links — its submission status and the answers DIC
reopened (its live score preview is a view: ``api.views``). Provider figures and unit figures are
kept apart; the element's source decides."""
