/*
 * Knowledge clip player: time codes in the transcript and in the address (#t=01:05) move the
 * player to that moment. An external (YouTube/Vimeo) video stays a local facade until the
 * visitor presses play: only then is the privacy-friendly player loaded.
 */
(function () {
    "use strict";

    var player = document.querySelector("[data-clip-player]");
    if (!player) {
        return;
    }
    var video = player.querySelector("[data-clip-video]");
    var facade = player.querySelector("[data-clip-facade]");
    var button = facade ? facade.querySelector(".clip-facade__button") : null;
    var frame = null;
    var pendingStart = 0;

    function parseTime(text) {
        if (!text) {
            return null;
        }
        if (/^\d+s?$/.test(text)) {
            return parseInt(text, 10);
        }
        var match = /^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$/.exec(text);
        if (!match) {
            return null;
        }
        var hours = match[1] ? parseInt(match[1], 10) : 0;
        return hours * 3600 + parseInt(match[2], 10) * 60 + parseInt(match[3], 10);
    }

    function timeFromHash() {
        var match = /^#t=([0-9:]+s?)$/.exec(window.location.hash);
        return match ? parseTime(match[1]) : null;
    }

    function playerUrl(seconds) {
        var provider = button.getAttribute("data-provider");
        var id = encodeURIComponent(button.getAttribute("data-video-id"));
        if (provider === "vimeo") {
            return "https://player.vimeo.com/video/" + id + "?dnt=1&autoplay=1#t=" + seconds + "s";
        }
        return "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1&start=" + seconds;
    }

    function startExternal(seconds) {
        if (!frame) {
            frame = document.createElement("iframe");
            frame.className = "clip-frame";
            frame.title = button.getAttribute("data-frame-title");
            frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
            frame.setAttribute("allowfullscreen", "");
            frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
            frame.src = playerUrl(seconds);
            facade.replaceWith(frame);
            frame.focus();
        } else {
            frame.src = playerUrl(seconds);
        }
    }

    function seekNative(seconds, play) {
        function apply() {
            video.currentTime = seconds;
            if (play) {
                var started = video.play();
                if (started && started.catch) {
                    started.catch(function () {});
                }
            }
        }
        if (video.readyState >= 1) {
            apply();
        } else {
            video.addEventListener("loadedmetadata", apply, { once: true });
            if (video.networkState === video.NETWORK_EMPTY) {
                video.load();
            }
        }
    }

    function goTo(seconds, play) {
        if (video) {
            seekNative(seconds, play);
        } else if (button) {
            pendingStart = seconds;
            if (play || frame) {
                startExternal(seconds);
            }
        }
    }

    function followHash() {
        var seconds = timeFromHash();
        if (seconds !== null) {
            goTo(seconds, false);
        }
    }

    if (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            startExternal(pendingStart);
        });
    }

    document.querySelectorAll("a[data-seconds]").forEach(function (link) {
        link.addEventListener("click", function (event) {
            var seconds = parseInt(link.getAttribute("data-seconds"), 10);
            if (isNaN(seconds)) {
                return;
            }
            event.preventDefault();
            if (window.history && window.history.replaceState) {
                window.history.replaceState(null, "", link.getAttribute("href"));
            }
            player.scrollIntoView({ block: "nearest" });
            goTo(seconds, true);
        });
    });

    window.addEventListener("hashchange", followHash);
    followHash();
})();
