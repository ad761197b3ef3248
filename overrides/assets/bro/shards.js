/* Loads the directory's data shards one after another. The first shard is a plain script tag in the
   page; the rest are added as script tags too, which (unlike fetch) also works from file://. Each next
   shard is asked for only after the browser has shown what the last one gave (the first results appear
   before the rest of the directory is parsed). A shard that cannot be loaded (missing, offline, not the data
   it should be) stops the loading and is reported (onError), once; the page then says so (showLoadFailed).
   window.bro.loadShards and window.bro.showLoadFailed; node's test runner loads it as a module (tests/js/). */
(function (bro) {
  "use strict";

  /* A shard loader over env: queue() (the shards loaded so far and not yet taken: window.broShards), addScript(src,
     onload, onerror) and afterPaint(next). Returns load(data, assets, onShard, onDone, onError). */
  function createLoader(env) {
    return function load(data, assets, onShard, onDone, onError) {
      var seen = 0, failed = false;
      function fail() {
        if (failed) { return; }
        failed = true;
        if (onError) { onError(); }
      }
      function request() {
        env.addScript(assets + data.shards[seen], function () {
          if (!env.queue().length) { fail(); return; }  // the file ran but gave no shard: broken or not a shard
          drain();
        }, fail);
      }
      function drain() {
        var queue = env.queue();
        while (queue.length) {
          seen += 1;
          try { onShard(queue.shift()); } catch (error) { fail(); throw error; }  // not the data it should be
        }
        if (seen >= data.shards.length) { if (onDone) { onDone(); } return; }
        env.afterPaint(request);
      }
      if (!data || !Array.isArray(data.shards)) { fail(); return; }
      drain();
    };
  }

  function afterPaint(next) {
    var done = false;
    function go() { if (!done) { done = true; setTimeout(next, 0); } }
    requestAnimationFrame(go);
    setTimeout(go, 100);  // no frames in a background tab: go on anyway
  }

  function addScript(src, onload, onerror) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = onload;
    script.onerror = onerror;
    document.body.appendChild(script);
  }

  /* Say on the page, just before the element `before`, that its data could not be loaded (text: the page's own
     words, in its language), in a live region; a later failure there replaces the note's text. */
  function showLoadFailed(before, text) {
    if (!before || !before.parentNode) { return; }
    var previous = before.previousElementSibling;
    if (previous && previous.classList.contains("bro-load-failed")) {
      if (previous.textContent !== text) { previous.textContent = text || ""; }
      return;
    }
    var note = document.createElement("p");
    note.className = "bro-status bro-load-failed";
    note.setAttribute("role", "alert");
    note.textContent = text || "";
    before.parentNode.insertBefore(note, before);
  }

  bro.createShardLoader = createLoader;
  bro.showLoadFailed = showLoadFailed;
  if (typeof window !== "undefined") {
    bro.loadShards = createLoader({
      queue: function () { return (window.broShards = window.broShards || []); },
      addScript: addScript,
      afterPaint: afterPaint,
    });
  }
  if (typeof module !== "undefined" && module.exports) { module.exports = { createLoader: createLoader }; }
}(typeof window !== "undefined" ? (window.bro = window.bro || {}) : {}));
