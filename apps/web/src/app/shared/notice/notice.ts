/** What a form or page says about the last thing done: a status when it worked, an alert when it failed. */
export interface Notice {
  text: string;
  failed: boolean;
}
