"""tutorbot's discord.py extensions. Each loads into any ``commands.Bot`` with ``await bot.load_extension``."""
