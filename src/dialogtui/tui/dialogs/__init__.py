"""The app's dialogs, below the screens and the step panels that open them.

`base` is the form machinery every dialog stands on; each other module is one family
(alerts, actions, people, pick and notes, folder, the read-back's). Nothing is imported
here: a screen imports the family it opens, and only when it opens it where it can.
"""
