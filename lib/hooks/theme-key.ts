// Shared by the theme hook and the before-paint script in app/layout.tsx (a server module
// cannot take a plain value from a "use client" file).
export const THEME_KEY = "huddle-theme";

/** Applies the stored theme (or the system's) before the first paint, so nothing flashes. */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("${THEME_KEY}");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}})()`;
