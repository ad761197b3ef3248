/* Loads the directory's data shards one after another. The first shard is a plain script tag in the
   page; the rest are added as script tags too, which (unlike fetch) also works from file://. Each next
   shard is asked for only after the browser has shown what the last one gave (the first results appear
   before the rest of the directory is parsed). */
window.broLoadShards = function (data, assets, onShard, onDone) {
  "use strict";
  var seen = 0;
  window.broShards = window.broShards || [];
  function afterPaint(next) {
    var done = false;
    function go() { if (!done) { done = true; setTimeout(next, 0); } }
    requestAnimationFrame(go);
    setTimeout(go, 100);  // no frames in a background tab: go on anyway
  }
  function load() {
    var script = document.createElement("script");
    script.src = assets + data.shards[seen];
    script.onload = drain;
    document.body.appendChild(script);
  }
  function drain() {
    while (window.broShards.length) { seen += 1; onShard(window.broShards.shift()); }
    if (seen >= data.shards.length) { if (onDone) { onDone(); } return; }
    afterPaint(load);
  }
  drain();
};
