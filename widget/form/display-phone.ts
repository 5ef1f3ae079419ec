// The site phone arrives in E.164 (+13125550199), which is how it is dialled but not how anyone
// reads it. North American numbers get the familiar (312) 555-0199; others stay as they are.
export function displayPhone(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
