// The demo contractor `npm run dev` seeds: a team of three and short SLA steps, so a developer
// sees an escalation within two minutes of leaving a lead unclaimed.
export function demoSite(origins) {
  const everyDay = { open: '00:00', close: '23:59' };
  return {
    name: 'Acme Heating & Plumbing',
    phone: '(617) 555-0100',
    country: 'US',
    timezone: 'America/New_York',
    allowedOrigins: origins,
    services: [
      'Furnace or heating repair',
      'AC repair',
      'Water heater',
      'Plumbing leak or clog',
      'Maintenance / tune-up',
      'Something else',
    ],
    // Open around the clock (24/7 emergency service) so the demo alerts at any hour.
    hours: {
      mon: everyDay,
      tue: everyDay,
      wed: everyDay,
      thu: everyDay,
      fri: everyDay,
      sat: everyDay,
      sun: everyDay,
    },
    consentText:
      'I agree to receive text messages from Acme Heating & Plumbing about my request. Msg & data rates may apply. Reply STOP to opt out.',
    responseMinutes: 5,
    brandColor: '#c2410c',
    launcherText: 'Request service',
    team: [
      {
        id: 'dana',
        name: 'Dana Reyes',
        phone: '(617) 555-0101',
        email: 'dana@acme.example',
        role: 'csr',
      },
      {
        id: 'lee',
        name: 'Lee Park',
        phone: '(617) 555-0102',
        email: 'lee@acme.example',
        role: 'csr',
      },
      {
        id: 'max',
        name: 'Max Owens',
        phone: '(617) 555-0103',
        email: 'max@acme.example',
        role: 'owner',
      },
    ],
    onCall: ['dana', 'lee'],
    escalation: {
      steps: [
        { afterSeconds: 0, notify: ['assignee'] },
        { afterSeconds: 60, notify: ['on-call'] },
        { afterSeconds: 120, notify: ['max'] },
      ],
      repeat: 2,
      repeatIntervalSeconds: 120,
    },
  };
}
