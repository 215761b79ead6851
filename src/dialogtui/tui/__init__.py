"""The Textual app: screens and widgets over the domain, store and export modules."""
