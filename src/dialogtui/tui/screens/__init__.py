"""The app's screens: start, setup, capture, end, help, and small dialogs."""
