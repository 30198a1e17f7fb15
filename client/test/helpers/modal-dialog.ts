/**
 * jsdom has <dialog> but not its modal methods; a test that opens one checks the dialog's
 * content, so opening it only needs to mark it open. Call once per file, e.g. `beforeAll`.
 */
export function stubShowModal(): void {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
}
