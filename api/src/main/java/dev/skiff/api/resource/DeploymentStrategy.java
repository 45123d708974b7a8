package dev.skiff.api.resource;

import dev.skiff.api.defaults.DeploymentDefaults;
import dev.skiff.api.validation.DeploymentValidation;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;

/** Deployments (apps/v1). */
public final class DeploymentStrategy extends TypedStrategy<Deployment> {

    public DeploymentStrategy() {
        super(Deployment.class);
    }

    @Override
    protected void defaults(Deployment deployment) {
        DeploymentDefaults.apply(deployment);
    }

    @Override
    protected List<FieldError> validate(Deployment deployment) {
        return DeploymentValidation.validate(deployment);
    }

    @Override
    protected List<FieldError> validateTransition(Deployment deployment, Deployment old) {
        return DeploymentValidation.validateUpdate(deployment, old);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected void clearStatus(Deployment object) {
        object.setStatus(null);
    }

    @Override
    protected Object spec(Deployment deployment) {
        return deployment.getSpec();
    }
}
