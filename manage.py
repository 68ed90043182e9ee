#!/usr/bin/env python
"""Same as the `dangbo` command; kept for Django habits."""

from dangbo.cli import main

if __name__ == "__main__":
    main()
