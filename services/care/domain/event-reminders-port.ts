/**
 * The relationship service's event reminders, sent by the hourly planner run (09:00 the customer's
 * time on the day before an event): the planner already runs every hour, and the Services stack
 * has no room for another function and schedule.
 */
export interface EventReminders {
  /** Sends the reminders due at the scheduled hour; a rerun of the hour sends nothing twice. */
  sendDue(scheduledTime: Date): Promise<{ due: number; sent: number; late: number }>;
}
