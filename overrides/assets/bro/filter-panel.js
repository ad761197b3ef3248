/* Placeholder: the directory helper's filter-panel.js (issue 12) replaces this file at merge. */
