/**
 * The relationship service's event reminders (09:00 the customer's time on the day before an
 * event) and post-event surveys (once the event is over, at a civil hour), sent by the hourly
 * planner run: the planner already runs every hour, and the Services stack has no room for another
 * function and schedule.
 */
export interface EventReminders {
  /** Sends the reminders due at the scheduled hour; a rerun of the hour sends nothing twice. */
  sendDue(scheduledTime: Date): Promise<{ due: number; sent: number; late: number }>;
  /** Asks the post-event surveys due at the scheduled hour; a rerun or a clock jump asks nobody twice. */
  askDueSurveys(scheduledTime: Date): Promise<{ due: number; asked: number; capped: number }>;
}
