"""Dashboard static assets (HTML/JS/CSS, vendored libraries, world boundaries), served by eventwire.api."""
