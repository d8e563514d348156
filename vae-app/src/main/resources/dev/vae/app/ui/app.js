"use strict";
// The page's script: index.html loads it; its content comes with the page.
