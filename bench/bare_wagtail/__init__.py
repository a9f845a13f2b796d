"""A stock Wagtail project cut to one page type with a one-line template: the baseline the
portal's uncached pages are compared with by `make bench`."""
