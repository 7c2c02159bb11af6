/** The id of every face's main content: the skip link's target. */
export const MAIN_ID = 'main';

/**
 * "Bỏ qua đến nội dung chính": the first thing Tab reaches on every page of every face, shown only when focused
 * (index.html styles `.skip-link`); it moves the focus to the main content (`<main id="main" tabIndex={-1}>`),
 * past the header and the menu — without changing the address (a `#main` in it would reach the router).
 * Built without antd: the portal's frame uses it.
 */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(e) => {
        const main = document.getElementById(MAIN_ID);
        if (!main) return;
        e.preventDefault();
        main.focus();
        main.scrollIntoView();
      }}
    >
      Bỏ qua đến nội dung chính
    </a>
  );
}
