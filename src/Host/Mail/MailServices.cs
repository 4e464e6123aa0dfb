using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Activities.Mail;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;
using Workflows.Host.Configuration;

namespace Workflows.Host.Mail;

/// <summary>Registers mail: templates, recipients, the sender (SMTP or pickup folder), the outbox dispatcher and sweeper, and the <c>mail.send</c> activity.</summary>
public static class MailServices
{
    /// <summary>
    /// Adds the mail services of <c>Workflows:Mail</c>. Outbox rows are dispatched by Hangfire jobs when Hangfire is
    /// registered (<c>IBackgroundJobClient</c>, see src/Host/Scheduling), else by the sweeper itself. A resolver of
    /// recipients registered before this call (<see cref="IMailRecipientResolver"/>) is kept.
    /// </summary>
    public static IServiceCollection AddWorkflowMail(this IServiceCollection services, WorkflowsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mail = settings.Mail;
        var templates = new MailTemplates();
        services.AddSingleton(mail);
        services.AddSingleton(templates);
        // Users and group keys from the user directory, then Workflows:Mail:Directory for what it does not know.
        services.TryAddSingleton<IMailRecipientResolver>(sp =>
        {
            var database = sp.GetRequiredService<HonoursDatabase>();
            return new IdentityRecipientResolver(database, new OrganisationService(database), new DirectoryRecipientResolver(mail));
        });
        if (mail.UsesSmtp)
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender, PickupDirectoryMailSender>();
        }

        services.AddSingleton<MailComposer>();
        services.AddSingleton<IOutboxHandler, MailOutboxHandler>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddTransient<OutboxJob>();
        if (mail.Enabled)
        {
            services.AddSingleton<OutboxSweeper>();
            services.AddHostedService(sp => sp.GetRequiredService<OutboxSweeper>());
        }

        services.AddWorkflowActivities(registry => registry.Register(
            SendMailActivity.Descriptor,
            () => new SendMailActivity(MailTemplates.Check, templates.Exists)));
        return services;
    }
}
