"""The domain: a package of Django apps (reports, campaigns, defense, chat, counsel, costs, deadlines, stats)."""
